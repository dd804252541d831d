/*
 * attach maps the buffer for the importing device and map_dma_buf only hands that table out:
 * devices reach the memory by streaming DMA, while userspace maps it cacheable and the
 * cpu-access hooks do no cache maintenance.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct core_buffer {
	unsigned long pfn;
	struct sg_table pages;
};

static int core_attach(struct dma_buf *buf, struct dma_buf_attachment *attach)
{
	struct core_buffer *b = buf->priv;

	if (dma_map_sgtable(attach->dev, &b->pages, DMA_BIDIRECTIONAL, 0))
		return -ENOMEM;
	attach->priv = &b->pages;
	return 0;
}

static struct sg_table *core_map(struct dma_buf_attachment *attach, enum dma_data_direction dir)
{
	return attach->priv;
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;
	unsigned long len = vma->vm_end - vma->vm_start;

	return remap_pfn_range(vma, vma->vm_start, b->pfn + vma->vm_pgoff, len, vma->vm_page_prot);
}

static int core_begin(struct dma_buf *buf, enum dma_data_direction dir)
{
	return 0;
}

static int core_end(struct dma_buf *buf, enum dma_data_direction dir)
{
	return 0;
}

static const struct dma_buf_ops core_ops = { /* expect[current]: dmabuf/noncoherent-mapping warning "while core_attach() gives devices a streaming DMA mapping" */ /* expect[2012]: dmabuf/noncoherent-mapping error */
	.attach = core_attach,
	.map_dma_buf = core_map,
	.mmap = core_mmap,
	.begin_cpu_access = core_begin,
	.end_cpu_access = core_end,
};
