// SPDX-License-Identifier: GPL-2.0
/* Toy NPU: coherent buffers, mapped by the DMA API, which honours the offset asked. */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>

struct toy_npu_buf {
	struct device *dev;
	void *vaddr;
	dma_addr_t dma;
	size_t size;
};

static int toy_npu_mmap(struct dma_buf *dmabuf, struct vm_area_struct *vma)
{
	struct toy_npu_buf *buf = dmabuf->priv;

	return dma_mmap_coherent(buf->dev, vma, buf->vaddr, buf->dma, buf->size);
}

static const struct dma_buf_ops toy_npu_ops = { /* exporter: mmap=toy_npu_mmap begin=- end=- */
	.mmap = toy_npu_mmap,
};
