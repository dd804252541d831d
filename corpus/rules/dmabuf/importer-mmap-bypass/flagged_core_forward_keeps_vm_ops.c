/* The forward clears the private data but leaves the GEM funcs' vm_ops that drm_gem_mmap_obj() installed. */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

struct core_bo {
	struct drm_gem_object base;
	struct page **pages;
	unsigned long npages;
};

static int core_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	struct core_bo *bo = (struct core_bo *)obj;

	if (obj->import_attach) {
		vma->vm_private_data = NULL;
		return dma_buf_mmap(obj->dma_buf, vma, 0); /* expect[current]: dmabuf/importer-mmap-bypass warning "leaves its own vm_ops on the vma" */ /* expect[2012]: dmabuf/importer-mmap-bypass error */
	}
	return vm_map_pages(vma, bo->pages, bo->npages);
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
