/*
 * A GEM-like exporter whose objects choose their caching when created: the mapping is
 * write-combined only for objects made with a flag, cacheable otherwise. Its fault handler finds
 * the page from the faulting address, so the offset a dma-buf mapping asks for is lost.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>

#define PEROBJ_WC 0x1

struct perobj_object {
	unsigned int flags;
	struct page **pages;
	unsigned long npages;
};

static vm_fault_t perobj_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct perobj_object *obj = vma->vm_private_data;
	unsigned long index = (vmf->address - vma->vm_start) >> 12;

	if (index >= obj->npages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vma, vmf->address, obj->pages[index]);
}

static const struct vm_operations_struct perobj_vm_ops = {
	.fault = perobj_fault,
};

static int perobj_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct perobj_object *obj = buf->priv;

	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	if (obj->flags & PEROBJ_WC)
		vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	vma->vm_ops = &perobj_vm_ops;
	vma->vm_private_data = obj;
	return 0;
}

static const struct dma_buf_ops perobj_ops = { /* exporter: mmap=perobj_mmap begin=- end=- */
	.mmap = perobj_mmap,
};
