/* The common form: a static const table with designated initializers. */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>

struct form_buffer {
	struct device *dev;
	struct sg_table sgt;
	void *vaddr;
	dma_addr_t dma;
	size_t size;
};

static int form_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct form_buffer *b = buf->priv;

	return dma_mmap_coherent(b->dev, vma, b->vaddr, b->dma, b->size);
}

static int form_begin(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct form_buffer *b = buf->priv;

	dma_sync_sgtable_for_cpu(b->dev, &b->sgt, dir);
	return 0;
}

static int form_end(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct form_buffer *b = buf->priv;

	dma_sync_sgtable_for_device(b->dev, &b->sgt, dir);
	return 0;
}

static const struct dma_buf_ops form_ops = { /* exporter: mmap=form_mmap begin=form_begin end=form_end */
	.mmap = form_mmap,
	.begin_cpu_access = form_begin,
	.end_cpu_access = form_end,
};
