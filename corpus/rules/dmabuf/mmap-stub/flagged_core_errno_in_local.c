/* An mmap callback that returns an error code it set up in a local, on every way out. */
#include <linux/dma-buf.h>

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma) /* expect[current]: dmabuf/mmap-stub note "leave .mmap unset instead" */ /* expect[2012]: dmabuf/mmap-stub error "the 2012 contract makes mmap mandatory" */
{
	int ret = -ENODEV;

	if (vma->vm_flags & VM_WRITE)
		ret = -EPERM;
	return ret;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
