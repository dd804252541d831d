/* SPDX-License-Identifier: GPL-2.0 */
/* Toy GPU driver: what its GEM and PRIME files share. */
#ifndef TOY_DRV_H
#define TOY_DRV_H

#include <drm/drm_gem.h>

struct toy_bo {
	struct drm_gem_object base;
	struct dma_resv *resv;
	struct page **pages;
	unsigned long npages;
};

int toy_gem_mmap_obj(struct toy_bo *bo, struct vm_area_struct *vma);

#endif
