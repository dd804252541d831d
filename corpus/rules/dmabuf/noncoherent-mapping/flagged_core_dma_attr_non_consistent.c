/*
 * The 4.x way to non-coherent memory: dma_alloc_attrs() and dma_mmap_attrs() with
 * DMA_ATTR_NON_CONSISTENT, which maps it cacheable. The hooks only take the buffer's lock.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct core_buffer {
	struct device *dev;
	struct sg_table sgt;
	void *cookie;
	dma_addr_t dma;
	size_t size;
	int lock;
};

void core_lock(int *lock);
void core_unlock(int *lock);

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

	return dma_mmap_attrs(b->dev, vma, b->cookie, b->dma, b->size, DMA_ATTR_NON_CONSISTENT);
}

static int core_begin(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct core_buffer *b = buf->priv;

	core_lock(&b->lock);
	return 0;
}

static int core_end(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct core_buffer *b = buf->priv;

	core_unlock(&b->lock);
	return 0;
}

static const struct dma_buf_ops core_ops = { /* expect[current]: dmabuf/noncoherent-mapping warning "(dma_mmap_attrs() in core_mmap())" */ /* expect[2012]: dmabuf/noncoherent-mapping error */
	.map_dma_buf = core_map,
	.mmap = core_mmap,
	.begin_cpu_access = core_begin,
	.end_cpu_access = core_end,
};
