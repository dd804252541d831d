/* An mmap callback that only refuses, and one that forwards to it. */
#include <linux/dma-buf.h>

static int core_refuse(void)
{
	return -EINVAL;
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma) /* expect[current]: dmabuf/mmap-stub note "leave .mmap unset instead" */ /* expect[2012]: dmabuf/mmap-stub error "the 2012 contract makes mmap mandatory" */
{
	pr_debug("core: mmap not supported\n");
	return core_refuse();
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
