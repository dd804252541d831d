/*
 * Helpers of the fault handler: one copies the fault address, keeps its distance from vm_start in
 * bytes and divides it by the page size where it picks a page; one picks pages that way twice,
 * reported once.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/dma-resv.h>
#include <linux/mm.h>

struct core_buffer {
	struct device *dev;
	struct sg_table sgt;
	struct dma_resv *resv;
	struct file *filp;
	void *mapping;
	struct page **pages;
	unsigned long count;
	unsigned long pfn;
	size_t size;
	void *vaddr;
	dma_addr_t dma;
};

static vm_fault_t core_insert(struct core_buffer *b, struct vm_fault *vmf)
{
	unsigned long addr = vmf->address;
	unsigned long distance = addr - vmf->vma->vm_start;

	if (distance >= b->size)
		return VM_FAULT_SIGBUS;
	return vmf_insert_pfn(vmf->vma, addr, b->pfn + distance / PAGE_SIZE); /* expect: dmabuf/pgoff-ignored warning "distance / PAGE_SIZE" */
}

static vm_fault_t core_insert_twice(struct core_buffer *b, struct vm_fault *vmf)
{
	pgoff_t page = (vmf->address - vmf->vma->vm_start) >> PAGE_SHIFT; /* expect: dmabuf/pgoff-ignored warning */

	if (page + 1 >= b->count)
		return VM_FAULT_SIGBUS;
	vmf_insert_page(vmf->vma, vmf->address, b->pages[(vmf->address - vmf->vma->vm_start) >> PAGE_SHIFT]);
	return vmf_insert_page(vmf->vma, vmf->address + PAGE_SIZE, b->pages[page + 1]);
}

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	if (b->pages)
		return core_insert_twice(b, vmf);
	return core_insert(b, vmf);
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
