// SPDX-License-Identifier: GPL-2.0
/* Toy DSP: shares buffers with the DSP only; userspace never maps them through the dma-buf. */
#include <linux/dma-buf.h>

static struct sg_table *toy_dsp_map(struct dma_buf_attachment *attach, enum dma_data_direction dir)
{
	return attach->priv;
}

static void toy_dsp_unmap(struct dma_buf_attachment *attach, struct sg_table *sgt,
			  enum dma_data_direction dir)
{
}

static const struct dma_buf_ops toy_dsp_ops = { /* expect[current]: dmabuf/mmap-missing note "fails with -EINVAL" */ /* expect[2012]: dmabuf/mmap-missing error "the 2012 contract makes mmap mandatory" */ /* exporter: mmap=- begin=- end=- */
	.map_dma_buf = toy_dsp_map,
	.unmap_dma_buf = toy_dsp_unmap,
};
