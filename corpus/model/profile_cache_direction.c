/*
 * Two exporters of one streaming-DMA buffer: one brackets CPU access the right way (begin syncs
 * for the CPU, end for the device), the other the wrong way round, which maintains nothing.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct dir_buffer {
	struct device *dev;
	struct sg_table sgt;
	struct page **pages;
	unsigned long count;
};

static int dir_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct dir_buffer *b = buf->priv;

	return vm_map_pages(vma, b->pages, b->count);
}

static int dir_for_cpu(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct dir_buffer *b = buf->priv;

	dma_sync_sgtable_for_cpu(b->dev, &b->sgt, dir);
	return 0;
}

static int dir_for_device(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct dir_buffer *b = buf->priv;

	dma_sync_sgtable_for_device(b->dev, &b->sgt, dir);
	return 0;
}

static const struct dma_buf_ops bracketed_ops = { /* exporter: mmap=dir_mmap begin=dir_for_cpu end=dir_for_device */
	.mmap = dir_mmap,
	.begin_cpu_access = dir_for_cpu,
	.end_cpu_access = dir_for_device,
};

static const struct dma_buf_ops swapped_ops = { /* exporter: mmap=dir_mmap begin=dir_for_device end=dir_for_cpu */
	.mmap = dir_mmap,
	.begin_cpu_access = dir_for_device,
	.end_cpu_access = dir_for_cpu,
};
