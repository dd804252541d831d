/* Stub for corpus fixtures: a DRM driver's ops table, as 6.1 has it. */
#ifndef _CORPUS_DRM_DRV_H
#define _CORPUS_DRM_DRV_H

#include <drm/drm_gem.h>

struct drm_driver {
	const char *name;
	int (*dumb_create)(struct drm_gem_object *obj);
	int (*gem_prime_mmap)(struct drm_gem_object *obj, struct vm_area_struct *vma);
};

struct drm_device {
	const struct drm_driver *driver;
};

#endif
