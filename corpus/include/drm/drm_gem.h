/* Stub for corpus fixtures: the GEM object and its ops table. */
#ifndef _CORPUS_DRM_GEM_H
#define _CORPUS_DRM_GEM_H

#include <linux/mm.h>
#include <drm/drm_vma_manager.h>

struct drm_gem_object;
struct drm_device;

struct drm_gem_object_funcs {
	void (*free)(struct drm_gem_object *obj);
	int (*mmap)(struct drm_gem_object *obj, struct vm_area_struct *vma);
	const struct vm_operations_struct *vm_ops;
};

struct drm_gem_object {
	const struct drm_gem_object_funcs *funcs;
	struct drm_device *dev;
	struct file *filp;
	struct drm_vma_offset_node vma_node;
	size_t size;
	void *import_attach;
	struct dma_buf *dma_buf;
};

#endif
