/* Another driver, whose objects are never exported: its file operations' mmap is not a dma-buf path. */
#include "../core/core_drm.h"

struct bdrv_bo {
	struct completion *idle;
};

static vm_fault_t bdrv_fault(struct vm_fault *vmf)
{
	struct bdrv_bo *bo = vmf->vma->vm_private_data;

	wait_for_completion(bo->idle);
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct bdrv_vm_ops = {
	.fault = bdrv_fault,
};

static int bdrv_mmap(struct file *filp, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_ops = &bdrv_vm_ops;
	return 0;
}

static const struct file_operations bdrv_fops = {
	.mmap = bdrv_mmap,
};

static const struct drm_driver bdrv_driver = {
	.fops = &bdrv_fops,
};
