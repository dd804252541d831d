/* The same, with the offset in bytes and a plain assignment, in a helper. */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

static void core_to_shmem(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	vma->vm_pgoff = vma->vm_pgoff - (drm_vma_node_offset_addr(&obj->vma_node) >> PAGE_SHIFT); /* expect: dmabuf/pgoff-fake-offset error */
	vma_set_file(vma, obj->filp);
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	core_to_shmem(buf->priv, vma);
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
