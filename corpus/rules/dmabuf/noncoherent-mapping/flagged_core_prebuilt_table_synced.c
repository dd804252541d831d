/*
 * map_dma_buf hands every importer the sg table the exporter mapped when it allocated the buffer,
 * and syncs it for the device through its own helper: devices still reach the memory by
 * streaming DMA, while userspace maps it cacheable with no cpu-access hooks.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct core_buffer {
	struct device *dev;
	struct sg_table *table;
	unsigned long pfn;
	int users;
};

static void core_table_for_device(struct core_buffer *b, enum dma_data_direction dir)
{
	b->users++;
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

static const struct dma_buf_ops core_ops = { /* expect[current]: dmabuf/noncoherent-mapping warning "while core_map() gives devices a streaming DMA mapping; DMA_BUF_IOCTL_SYNC cannot make it coherent: no .begin_cpu_access" */ /* expect[2012]: dmabuf/noncoherent-mapping error */
	.map_dma_buf = core_map,
	.mmap = core_mmap,
};
