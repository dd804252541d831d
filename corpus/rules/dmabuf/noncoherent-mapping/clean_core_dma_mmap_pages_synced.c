/*
 * Non-coherent pages mapped cacheable with dma_mmap_pages(), and the cpu-access hooks sync the
 * device mapping both ways: coherent enough under DMA_BUF_IOCTL_SYNC, not under the 2012 contract.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct core_buffer {
	struct device *dev;
	struct page *page;
	struct sg_table sgt;
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

	return dma_mmap_pages(b->dev, vma, b->size, b->page);
}

static int core_begin(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct core_buffer *b = buf->priv;

	dma_sync_sgtable_for_cpu(b->dev, &b->sgt, dir);
	return 0;
}

static int core_end(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct core_buffer *b = buf->priv;

	dma_sync_sgtable_for_device(b->dev, &b->sgt, dir);
	return 0;
}

static const struct dma_buf_ops core_ops = { /* expect[2012]: dmabuf/noncoherent-mapping error "(dma_mmap_pages() in core_mmap())" */
	.map_dma_buf = core_map,
	.mmap = core_mmap,
	.begin_cpu_access = core_begin,
	.end_cpu_access = core_end,
};
