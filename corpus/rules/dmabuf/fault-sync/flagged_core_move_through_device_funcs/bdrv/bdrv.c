/* A driver whose move only records the new place: its faults reach no wait, whatever other drivers' moves do. */
#include <linux/mm.h>
#include <drm/drm_gem.h>
#include "../core/core_bo.h"

struct bdrv_bo {
	struct core_bo core;
	struct page **pages;
};

static int bdrv_move(struct core_bo *bo, int where)
{
	bo->where = where;
	return 0;
}

static const struct core_device_funcs bdrv_device_funcs = {
	.move = bdrv_move,
};

static vm_fault_t bdrv_fault(struct vm_fault *vmf)
{
	struct bdrv_bo *bbo = vmf->vma->vm_private_data;

	if (core_bo_validate(&bbo->core, 1))
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, bbo->pages[vmf->pgoff]);
}

static const struct vm_operations_struct bdrv_vm_ops = {
	.fault = bdrv_fault,
};

static const struct drm_gem_object_funcs bdrv_gem_funcs = {
	.vm_ops = &bdrv_vm_ops,
};
