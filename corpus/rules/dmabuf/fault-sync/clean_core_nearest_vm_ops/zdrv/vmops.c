/* The exporter's own vm_ops, in a file beside it; its fault handler never waits. */
#include <linux/mm.h>

static vm_fault_t zdrv_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

const struct vm_operations_struct core_vm_ops = {
	.fault = zdrv_fault,
};
