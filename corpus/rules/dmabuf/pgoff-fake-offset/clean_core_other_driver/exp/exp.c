/* This driver's objects map without the fake offset; obj->funcs->mmap also resolves to other/'s. */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

static int exp_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_pgoff = 0;
	vma_set_file(vma, obj->filp);
	return 0;
}

static const struct drm_gem_object_funcs exp_gem_funcs = {
	.mmap = exp_gem_mmap,
};

static int exp_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = buf->priv;

	return obj->funcs->mmap(obj, vma);
}

static const struct dma_buf_ops exp_ops = {
	.mmap = exp_mmap,
};
