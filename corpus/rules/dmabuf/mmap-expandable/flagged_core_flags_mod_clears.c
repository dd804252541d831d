/* vm_flags_mod() names VM_DONTEXPAND, but among the flags it clears. */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct core_buffer {
	struct page **pages;
	unsigned long count;
};

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	if (vmf->pgoff >= b->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_mod(vma, VM_IO | VM_DONTDUMP, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */ /* expect: dmabuf/mmap-expandable warning */
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
