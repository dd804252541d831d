/* A suppression with its rule and its reason: the finding is silenced, nothing is reported. */
#include <linux/dma-buf.h>
#include <linux/mm.h>

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_ops = &core_vm_ops; /* mmapcheck-ignore dmabuf/fault-interception: pte zaps fake coherency */ /* suppressed: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
