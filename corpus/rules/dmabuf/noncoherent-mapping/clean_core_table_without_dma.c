/*
 * map_dma_buf hands out a table of device-local memory without mapping or syncing it for the
 * importer, and attach only records the attachment: nothing says devices reach the memory around
 * the CPU caches, so the cacheable user mapping is not questioned.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct core_buffer {
	struct sg_table *table;
	unsigned long pfn;
	int attached;
};

static int core_attach(struct dma_buf *buf, struct dma_buf_attachment *attach)
{
	struct core_buffer *b = buf->priv;

	b->attached++;
	attach->priv = b->table;
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

static const struct dma_buf_ops core_ops = {
	.attach = core_attach,
	.map_dma_buf = core_map,
	.mmap = core_mmap,
};
