/*
 * A driver whose fault validates its buffer against a placement it has just filled, with system
 * memory when no domain was asked for: never empty, so the core never drops the buffer there.
 */
#include <linux/mm.h>
#include <drm/drm_gem.h>
#include "../core/core_bo.h"

struct adrv_bo {
	struct core_bo core;
	struct core_placement placement;
	struct page **pages;
};

static void adrv_place(struct adrv_bo *abo, unsigned int domain)
{
	struct core_placement *placement = &abo->placement;
	unsigned int c = 0;

	if (domain & ADRV_DOMAIN_VRAM)
		placement->types[c++] = 1;
	if (domain & ADRV_DOMAIN_GTT)
		placement->types[c++] = 2;
	if (!c)
		placement->types[c++] = 0;
	placement->count = c;
}

static vm_fault_t adrv_fault(struct vm_fault *vmf)
{
	struct adrv_bo *abo = vmf->vma->vm_private_data;

	adrv_place(abo, abo->core.base.size > 4096 ? ADRV_DOMAIN_GTT : 0);
	if (core_bo_validate(&abo->core, &abo->placement))
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, abo->pages[vmf->pgoff]);
}

static const struct vm_operations_struct adrv_vm_ops = {
	.fault = adrv_fault,
};

static const struct drm_gem_object_funcs adrv_gem_funcs = {
	.vm_ops = &adrv_vm_ops,
};
