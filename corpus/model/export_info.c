/* exp_info.ops = &table: the table is the exporter, the export info is not. */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>

struct form_buffer {
	struct device *dev;
	void *vaddr;
	dma_addr_t dma;
	size_t size;
};

static int form_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct form_buffer *b = buf->priv;

	return dma_mmap_coherent(b->dev, vma, b->vaddr, b->dma, b->size);
}

static const struct dma_buf_ops form_ops = { /* exporter: mmap=form_mmap begin=- end=- */
	.mmap = form_mmap,
};

struct dma_buf *form_export(struct form_buffer *b)
{
	DEFINE_DMA_BUF_EXPORT_INFO(exp_info);

	exp_info.ops = &form_ops;
	exp_info.size = b->size;
	exp_info.priv = b;
	return dma_buf_export(&exp_info);
}
