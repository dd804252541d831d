/* dma_mmap_attrs() of coherent memory, write-combined: the DMA API keeps it coherent. */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct core_buffer {
	struct device *dev;
	struct sg_table sgt;
	void *cookie;
	dma_addr_t dma;
	size_t size;
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

	return dma_mmap_attrs(b->dev, vma, b->cookie, b->dma, b->size, DMA_ATTR_WRITE_COMBINE);
}

static const struct dma_buf_ops core_ops = {
	.map_dma_buf = core_map,
	.mmap = core_mmap,
};
