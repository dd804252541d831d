/* The mmap callback hands back what a helper returns, and the helper can only refuse. */
#include <linux/dma-buf.h>

static int core_refuse(struct dma_buf *buf)
{
	if (!buf->priv)
		return -ENODEV;
	return -1;
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma) /* expect[current]: dmabuf/mmap-stub note "can only fail" */ /* expect[2012]: dmabuf/mmap-stub error "can only fail" */
{
	return core_refuse(buf);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
