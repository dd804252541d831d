/* The device side of the GEM-style core: a driver's table and its file operations. */
#ifndef _CORE_DRM_H
#define _CORE_DRM_H

#include <linux/mm.h>
#include <drm/drm_gem.h>

struct file_operations {
	int (*mmap)(struct file *filp, struct vm_area_struct *vma);
};

struct drm_driver {
	const struct file_operations *fops;
};

struct drm_device {
	const struct drm_driver *driver;
};

int core_prime_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma);

#endif
