/*
 * The core's generic exporter. Its mmap calls the object's own mmap when the object's table
 * sets one, else the mmap of the file operations of the driver the object's device belongs to:
 * only adrv's objects are exported here (bdrv has none, and the core's shared objects in resv.c
 * name no driver), so only adrv's file operations run.
 */
#include <linux/dma-buf.h>
#include "core_drm.h"

int core_prime_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	if (obj->funcs && obj->funcs->mmap)
		return obj->funcs->mmap(obj, vma);
	return obj->dev->driver->fops->mmap(obj->filp, vma);
}

static int core_gem_dmabuf_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	return core_prime_mmap(buf->priv, vma);
}

static const struct dma_buf_ops core_generic_ops = {
	.mmap = core_gem_dmabuf_mmap,
};

struct dma_buf *core_prime_export(struct drm_gem_object *obj, int flags)
{
	struct dma_buf_export_info exp_info = {
		.ops = &core_generic_ops,
		.size = obj->size,
		.flags = flags,
		.priv = obj,
	};

	return dma_buf_export(&exp_info);
}

struct dma_buf *core_export_object(struct drm_gem_object *obj, int flags)
{
	if (obj->funcs && obj->funcs->export)
		return obj->funcs->export(obj, flags);
	return core_prime_export(obj, flags);
}
