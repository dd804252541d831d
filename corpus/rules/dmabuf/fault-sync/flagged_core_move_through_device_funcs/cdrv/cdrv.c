/*
 * A driver whose move waits, but whose objects never fault (its vm_ops have no fault callback):
 * the other drivers' faults move their own objects, through their own devices' callbacks.
 */
#include <linux/mm.h>
#include <drm/drm_gem.h>
#include "../core/core_bo.h"

struct cdrv_bo {
	struct core_bo core;
	struct completion *copied;
};

static int cdrv_move(struct core_bo *bo, int where)
{
	struct cdrv_bo *cbo = (struct cdrv_bo *)bo;

	wait_for_completion(cbo->copied);
	bo->where = where;
	return 0;
}

static const struct core_device_funcs cdrv_device_funcs = {
	.move = cdrv_move,
};

static void cdrv_vm_open(struct vm_area_struct *vma)
{
}

static const struct vm_operations_struct cdrv_vm_ops = {
	.open = cdrv_vm_open,
};

static const struct drm_gem_object_funcs cdrv_gem_funcs = {
	.vm_ops = &cdrv_vm_ops,
};
