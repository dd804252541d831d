/* The mmap callback hands the vma to a helper that installs fault-handling vm_ops. */
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

static void core_setup_vma(struct core_buffer *b, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_private_data = b;
	vma->vm_ops = &core_vm_ops; /* expect[current]: dmabuf/fault-interception note "with .fault" */ /* expect[2012]: dmabuf/fault-interception warning "with .fault" */
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	core_setup_vma(buf->priv, vma);
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
