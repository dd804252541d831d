/*
 * As flagged_core_prebuilt_table_synced.c, but the cpu-access hooks sync the same table each
 * their own way: coherent enough under DMA_BUF_IOCTL_SYNC, not under the 2012 contract.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct core_buffer {
	struct device *dev;
	struct sg_table *table;
	unsigned long pfn;
};

static void core_table_for_device(struct core_buffer *b, enum dma_data_direction dir)
{
	dma_sync_sgtable_for_device(b->dev, b->table, dir);
}

static struct sg_table *core_map(struct dma_buf_attachment *attach, enum dma_data_direction dir)
{
	struct core_buffer *b = attach->dmabuf->priv;

	core_table_for_device(b, dir);
	return b->table;
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;
	unsigned long len = vma->vm_end - vma->vm_start;

	return remap_pfn_range(vma, vma->vm_start, b->pfn + vma->vm_pgoff, len, vma->vm_page_prot);
}

static int core_begin(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct core_buffer *b = buf->priv;

	dma_sync_sgtable_for_cpu(b->dev, b->table, dir);
	return 0;
}

static int core_end(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct core_buffer *b = buf->priv;

	core_table_for_device(b, dir);
	return 0;
}

static const struct dma_buf_ops core_ops = { /* expect[2012]: dmabuf/noncoherent-mapping error "while core_map() gives devices a streaming DMA mapping" */
	.map_dma_buf = core_map,
	.mmap = core_mmap,
	.begin_cpu_access = core_begin,
	.end_cpu_access = core_end,
};
