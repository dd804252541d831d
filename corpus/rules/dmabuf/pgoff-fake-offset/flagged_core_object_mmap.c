/* The exporter calls its GEM object's mmap, written for the DRM device file, as it is. */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

static int core_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_pgoff -= drm_vma_node_start(&obj->vma_node); /* expect: dmabuf/pgoff-fake-offset error */
	vma_set_file(vma, obj->filp);
	return 0;
}

static const struct drm_gem_object_funcs core_gem_funcs = {
	.mmap = core_gem_mmap,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = buf->priv;

	return obj->funcs->mmap(obj, vma);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
