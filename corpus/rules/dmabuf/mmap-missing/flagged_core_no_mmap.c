/* An exporter that can be attached and mapped by devices, but never mmap'ed by userspace. */
#include <linux/dma-buf.h>

static struct sg_table *core_map(struct dma_buf_attachment *attach, enum dma_data_direction dir)
{
	return attach->priv;
}

static void core_unmap(struct dma_buf_attachment *attach, struct sg_table *sgt,
		       enum dma_data_direction dir)
{
}

static void core_release(struct dma_buf *buf)
{
}

static const struct dma_buf_ops core_ops = { /* expect[current]: dmabuf/mmap-missing note "fails with -EINVAL" */ /* expect[2012]: dmabuf/mmap-missing error "the 2012 contract makes mmap mandatory" */
	.map_dma_buf = core_map,
	.unmap_dma_buf = core_unmap,
	.release = core_release,
};
