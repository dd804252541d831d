/*
 * The helper's call of the function that installs the default vm_ops sits in the condition
 * itself, after the check that the caller stored none: the right operand of && runs only when
 * the left holds, so the call is ruled out as it is in the branch's body
 * (clean_core_default_vm_ops_call_kept_out.c).
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct core_buffer {
	struct page **pages;
	unsigned long count;
};

static vm_fault_t core_default_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	if (vmf->pgoff >= b->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

static const struct vm_operations_struct core_default_vm_ops = {
	.fault = core_default_fault,
};

static void core_vm_close(struct vm_area_struct *vma)
{
}

static const struct vm_operations_struct core_own_vm_ops = {
	.close = core_vm_close,
};

static int core_set_default_vm_ops(struct vm_area_struct *vma)
{
	vma->vm_ops = &core_default_vm_ops;
	return 0;
}

static int core_setup_vma(struct vm_area_struct *vma, struct core_buffer *b)
{
	if (!vma->vm_ops && core_set_default_vm_ops(vma))
		return -EINVAL;
	vma->vm_private_data = b;
	vm_flags_set(vma, VM_DONTEXPAND);
	return vm_map_pages(vma, b->pages, b->count);
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vma->vm_ops = &core_own_vm_ops;
	return core_setup_vma(vma, buf->priv);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
