/* Another driver's vm_ops of the same name, whose fault handler waits: not the exporter's. */
#include <linux/mm.h>

struct adrv_bo {
	struct completion *idle;
};

static vm_fault_t adrv_fault(struct vm_fault *vmf)
{
	struct adrv_bo *bo = vmf->vma->vm_private_data;

	wait_for_completion(bo->idle);
	return VM_FAULT_SIGBUS;
}

const struct vm_operations_struct core_vm_ops = {
	.fault = adrv_fault,
};
