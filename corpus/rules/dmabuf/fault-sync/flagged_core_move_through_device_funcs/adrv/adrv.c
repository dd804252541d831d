/* A driver that moves a buffer the CPU cannot see at fault time, and whose move waits for the copy. */
#include <linux/mm.h>
#include <drm/drm_gem.h>
#include "../core/core_bo.h"

struct adrv_bo {
	struct core_bo core;
	struct completion *copied;
	struct page **pages;
};

static int adrv_move(struct core_bo *bo, int where)
{
	struct adrv_bo *abo = (struct adrv_bo *)bo;

	wait_for_completion(abo->copied); /* expect: dmabuf/fault-sync error "page fault handler adrv_vm_ops.fault reaches wait_for_completion()" */
	bo->where = where;
	return 0;
}

static const struct core_device_funcs adrv_device_funcs = {
	.move = adrv_move,
};

static vm_fault_t adrv_fault(struct vm_fault *vmf)
{
	struct adrv_bo *abo = vmf->vma->vm_private_data;

	if (core_bo_validate(&abo->core, 1))
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, abo->pages[vmf->pgoff]);
}

static const struct vm_operations_struct adrv_vm_ops = {
	.fault = adrv_fault,
};

static const struct drm_gem_object_funcs adrv_gem_funcs = {
	.vm_ops = &adrv_vm_ops,
};
