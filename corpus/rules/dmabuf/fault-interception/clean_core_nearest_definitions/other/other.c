/* Another driver's table and helper of the same names, whose vm_ops insert pages at fault time. */
#include <linux/mm.h>

struct core_buffer {
	struct page **pages;
	unsigned long count;
};

static vm_fault_t other_fault(struct vm_fault *vmf)
{
	struct core_buffer *b = vmf->vma->vm_private_data;

	if (vmf->pgoff >= b->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, b->pages[vmf->pgoff]);
}

const struct vm_operations_struct core_vm_ops = {
	.fault = other_fault,
};

void core_setup_vma(struct vm_area_struct *vma, struct core_buffer *b)
{
	vma->vm_private_data = b;
	vma->vm_ops = &core_vm_ops;
}
