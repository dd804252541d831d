/*
 * Two file-scope tables filled in by one init function, and two device structs that each keep a
 * table in a field: four exporters, each with its own handlers.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>

struct form_buffer {
	struct device *dev;
	void *vaddr;
	dma_addr_t dma;
	size_t size;
};

static struct dma_buf_ops form_wc_ops;
static struct dma_buf_ops form_cached_ops;

static int form_wc_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct form_buffer *b = buf->priv;

	return dma_mmap_wc(b->dev, vma, b->vaddr, b->dma, b->size);
}

static int form_cached_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct form_buffer *b = buf->priv;

	return dma_mmap_coherent(b->dev, vma, b->vaddr, b->dma, b->size);
}

static int form_cached_begin(struct dma_buf *buf, enum dma_data_direction dir)
{
	struct form_buffer *b = buf->priv;

	dma_sync_single_for_cpu(b->dev, b->dma, b->size, dir);
	return 0;
}

static int __init form_pair_init(void)
{
	form_wc_ops.mmap = form_wc_mmap; /* exporter: mmap=form_wc_mmap begin=- end=- */
	form_cached_ops.mmap = form_cached_mmap; /* exporter: mmap=form_cached_mmap begin=form_cached_begin end=- */
	form_cached_ops.begin_cpu_access = form_cached_begin;
	return 0;
}
module_init(form_pair_init);

struct form_plane {
	struct dma_buf_ops ops;
};

struct form_stream {
	struct dma_buf_ops ops;
};

void form_plane_init(struct form_plane *p)
{
	p->ops.mmap = form_wc_mmap; /* exporter: mmap=form_wc_mmap begin=- end=- */
}

void form_stream_init(struct form_stream *s)
{
	s->ops.mmap = form_cached_mmap; /* exporter: mmap=form_cached_mmap begin=form_cached_begin end=- */
	s->ops.begin_cpu_access = form_cached_begin;
}
