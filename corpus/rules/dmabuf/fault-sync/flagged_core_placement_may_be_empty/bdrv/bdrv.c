/*
 * A driver whose placement counts only the domains asked for: asked for none, it is empty, and
 * the core drops the buffer in the fault, waiting for the device.
 */
#include <linux/mm.h>
#include <drm/drm_gem.h>
#include "../core/core_bo.h"

struct bdrv_bo {
	struct core_bo core;
	struct core_placement placement;
	struct page **pages;
};

static void bdrv_place(struct bdrv_bo *bbo, unsigned int domain)
{
	unsigned int c = 0;

	if (domain & BDRV_DOMAIN_VRAM)
		bbo->placement.types[c++] = 1;
	if (domain & BDRV_DOMAIN_GTT)
		bbo->placement.types[c++] = 2;
	bbo->placement.count = c;
}

static vm_fault_t bdrv_fault(struct vm_fault *vmf)
{
	struct bdrv_bo *bbo = vmf->vma->vm_private_data;

	bdrv_place(bbo, bbo->core.base.size > 4096 ? BDRV_DOMAIN_GTT : 0);
	if (core_bo_validate(&bbo->core, &bbo->placement))
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, bbo->pages[vmf->pgoff]);
}

static const struct vm_operations_struct bdrv_vm_ops = {
	.fault = bdrv_fault,
};

static const struct drm_gem_object_funcs bdrv_gem_funcs = {
	.vm_ops = &bdrv_vm_ops,
};
