/*
 * The vm_ops are picked into a local first, by whether the buffer is cached, then installed: both
 * tables have a fault handler, and the install is flagged with both named.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct core_buffer {
	struct page **pages;
	unsigned long count;
	bool cached;
};

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	if (vmf->pgoff >= b->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct core_cached_vm_ops = {
	.fault = core_fault,
};

static const struct vm_operations_struct core_wc_vm_ops = {
	.fault = core_fault,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;
	const struct vm_operations_struct *ops;

	if (b->cached) {
		ops = &core_cached_vm_ops;
	} else {
		ops = &core_wc_vm_ops;
		vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	}
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = b;
	vma->vm_ops = ops; /* expect[current]: dmabuf/fault-interception note "'core_cached_vm_ops' with .fault, or 'core_wc_vm_ops' with .fault" */ /* expect[2012]: dmabuf/fault-interception warning "'core_cached_vm_ops' with .fault, or 'core_wc_vm_ops' with .fault" */
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
