/*
 * Two exporters of one driver, in two files, each with a static vm_ops table named core_vm_ops:
 * this one hooks faults, the other (b_resident.c) only counts references. A name resolves to
 * the definition in the same file first, so each exporter installs its own table, though the
 * two files lie in the same directory.
 */
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

static int core_faulting_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &core_vm_ops; /* expect[current]: dmabuf/fault-interception note "with .fault" */ /* expect[2012]: dmabuf/fault-interception warning "with .fault" */
	return 0;
}

static const struct dma_buf_ops core_faulting_ops = {
	.mmap = core_faulting_mmap,
};
