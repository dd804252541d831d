/* A GEM driver that only notes imported objects; its mmap maps nothing either way. */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

static int core_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	if (obj->import_attach)
		vma->vm_private_data = obj;
	vm_flags_set(vma, VM_DONTEXPAND);
	return 0;
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
