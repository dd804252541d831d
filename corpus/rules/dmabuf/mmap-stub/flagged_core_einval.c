/* An mmap callback that only refuses, and one that forwards to it. */
#include <linux/dma-buf.h>

static int core_refuse(void)
{
	return -EINVAL;
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma) /* expect: dmabuf/mmap-stub */
{
	pr_debug("core: mmap not supported\n");
	return core_refuse();
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
