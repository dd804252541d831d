/*
 * The driver's GEM helpers fill in its drm_driver by macro, as DRM_GEM_SHMEM_DRIVER_OPS and
 * DRM_GEM_DMA_DRIVER_OPS do: one macro of designated initializers, one that calls it.
 */
#ifndef CORE_GEM_H
#define CORE_GEM_H

#include <drm/drm_drv.h>

int core_gem_dumb_create(struct drm_gem_object *obj);
int core_gem_prime_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma);

#define CORE_GEM_DRIVER_OPS_WITH_DUMB_CREATE(create) \
	.dumb_create	= (create), \
	.gem_prime_mmap	= core_gem_prime_mmap

#define CORE_GEM_DRIVER_OPS \
	CORE_GEM_DRIVER_OPS_WITH_DUMB_CREATE(core_gem_dumb_create)

#endif
