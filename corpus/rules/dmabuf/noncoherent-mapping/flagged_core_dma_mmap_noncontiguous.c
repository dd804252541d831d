/*
 * A buffer allocated either coherent or non-coherent. The non-coherent one is mapped with
 * dma_mmap_noncontiguous(), which keeps the vma's cacheable protection, and the cpu-access hooks
 * do nothing, so DMA_BUF_IOCTL_SYNC leaves stale cache lines.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct core_buffer {
	struct device *dev;
	struct sg_table *pages_sgt;
	struct sg_table sgt;
	int noncoherent;
	void *cookie;
	dma_addr_t dma;
	size_t size;
	unsigned long attrs;
};

static struct sg_table *core_map(struct dma_buf_attachment *attach, enum dma_data_direction dir)
{
	struct core_buffer *b = attach->dmabuf->priv;

	if (dma_map_sgtable(attach->dev, &b->sgt, dir, 0))
		return ERR_PTR(-ENOMEM);
	return &b->sgt;
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;

	if (b->noncoherent)
		return dma_mmap_noncontiguous(b->dev, vma, b->size, b->pages_sgt);
	return dma_mmap_attrs(b->dev, vma, b->cookie, b->dma, b->size, b->attrs);
}

static int core_begin(struct dma_buf *buf, enum dma_data_direction dir)
{
	return 0;
}

static int core_end(struct dma_buf *buf, enum dma_data_direction dir)
{
	return 0;
}

static const struct dma_buf_ops core_ops = { /* expect[current]: dmabuf/noncoherent-mapping warning "(dma_mmap_noncontiguous() in core_mmap())" */ /* expect[2012]: dmabuf/noncoherent-mapping error "the 2012 contract wants coherent mappings" */
	.map_dma_buf = core_map,
	.mmap = core_mmap,
	.begin_cpu_access = core_begin,
	.end_cpu_access = core_end,
};
