/*
 * Ways an exporter can treat the page offset other than honouring it: a DMA API mmap sized to the
 * vma (the DMA layer then refuses any offset), the whole-object size check (the dma-buf core's own
 * bound then refuses any offset), and the offset zeroed around the DMA API call and restored.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>

struct offs_buffer {
	struct device *dev;
	void *vaddr;
	dma_addr_t dma;
	size_t size;
	unsigned long pfn;
};

static int offs_vma_sized_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct offs_buffer *b = buf->priv;
	size_t len = vma->vm_end - vma->vm_start;

	return dma_mmap_coherent(b->dev, vma, b->vaddr, b->dma, len);
}

static const struct dma_buf_ops offs_vma_sized_ops = { /* exporter: mmap=offs_vma_sized_mmap begin=- end=- */
	.mmap = offs_vma_sized_mmap,
};

static int offs_whole_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct offs_buffer *b = buf->priv;

	if (vma->vm_end - vma->vm_start != b->size)
		return -EINVAL;
	return remap_pfn_range(vma, vma->vm_start, b->pfn, b->size, vma->vm_page_prot);
}

static const struct dma_buf_ops offs_whole_ops = { /* exporter: mmap=offs_whole_mmap begin=- end=- */
	.mmap = offs_whole_mmap,
};

static int offs_zeroed_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct offs_buffer *b = buf->priv;
	unsigned long saved = vma->vm_pgoff;
	int err;

	vma->vm_pgoff = 0;
	err = dma_mmap_wc(b->dev, vma, b->vaddr, b->dma, b->size);
	vma->vm_pgoff = saved;
	return err;
}

static const struct dma_buf_ops offs_zeroed_ops = { /* exporter: mmap=offs_zeroed_mmap begin=- end=- */
	.mmap = offs_zeroed_mmap,
};

static int offs_refuse_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	return -ENODEV;
}

static const struct dma_buf_ops offs_refuse_ops = { /* exporter: mmap=offs_refuse_mmap begin=- end=- */
	.mmap = offs_refuse_mmap,
};
