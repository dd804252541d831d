/* A 4.x-era GEM driver maps an imported dma-buf with dma_mmap_writecombine(), the old dma_mmap_wc(). */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

struct core_bo {
	struct drm_gem_object base;
	struct device *dev;
	void *vaddr;
	dma_addr_t dma;
	size_t size;
};

static int core_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	struct core_bo *bo = (struct core_bo *)obj;

	vma->vm_flags |= VM_DONTEXPAND;
	if (obj->import_attach) /* expect[current]: dmabuf/importer-mmap-bypass warning "maps them itself: an importer must forward" */ /* expect[2012]: dmabuf/importer-mmap-bypass error */
		return dma_mmap_writecombine(bo->dev, vma, bo->vaddr, bo->dma, bo->size);
	return -EINVAL;
}

static const struct drm_gem_object_funcs core_gem_funcs = {
	.mmap = core_gem_mmap,
};

/* The driver's PRIME export forwards dma-buf mmap to the GEM object's own mmap. */
static int core_prime_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = buf->priv;

	return obj->funcs->mmap(obj, vma);
}

static const struct dma_buf_ops core_prime_ops = {
	.mmap = core_prime_mmap,
};
