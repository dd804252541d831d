/*
 * The PRIME exporter forwards mmap to the driver's gem_prime_mmap, and the helper a driver puts
 * there lives beside it, as in 6.1's drm_prime.c.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include "core_gem.h"

/* The helper the macro installs: maps the object's pages from the offset asked. */
struct core_gem_object {
	struct drm_gem_object base;
	struct page **pages;
	unsigned long count;
};

int core_gem_dumb_create(struct drm_gem_object *obj)
{
	return 0;
}

int core_gem_prime_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	struct core_gem_object *bo = (struct core_gem_object *)obj;

	return vm_map_pages(vma, bo->pages, bo->count);
}

static int core_dmabuf_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = buf->priv;
	struct drm_device *dev = obj->dev;

	if (!dev->driver->gem_prime_mmap)
		return -EINVAL;
	return dev->driver->gem_prime_mmap(obj, vma);
}

static const struct dma_buf_ops core_prime_ops = { /* exporter: mmap=core_dmabuf_mmap begin=- end=- */
	.mmap = core_dmabuf_mmap,
};
