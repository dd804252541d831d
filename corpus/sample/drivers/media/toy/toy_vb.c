// SPDX-License-Identifier: GPL-2.0
/* Toy video buffers: exported for zero-copy, but the dma-buf mmap only refuses. */
#include <linux/dma-buf.h>

static int toy_vb_dmabuf_mmap(struct dma_buf *dbuf, struct vm_area_struct *vma) /* expect[current]: dmabuf/mmap-stub note "leave .mmap unset instead" */ /* expect[2012]: dmabuf/mmap-stub error "the 2012 contract makes mmap mandatory" */
{
	pr_err("toy_vb: mmap of exported buffers is not supported\n");
	return -ENOTTY;
}

static const struct dma_buf_ops toy_vb_dmabuf_ops = { /* exporter: mmap=toy_vb_dmabuf_mmap begin=- end=- */
	.mmap = toy_vb_dmabuf_mmap,
};
