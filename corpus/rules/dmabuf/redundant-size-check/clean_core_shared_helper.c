/* The check sits in helpers that also serve the driver's own char device, which the core never checked. */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/dma-resv.h>
#include <linux/mm.h>

struct core_buffer {
	struct device *dev;
	unsigned long count;
	size_t size;
	void *vaddr;
	dma_addr_t dma;
};

/* Exported: any mmap in the kernel may call it. */
int core_map_checked(struct core_buffer *b, struct vm_area_struct *vma)
{
	if (vma->vm_end - vma->vm_start > b->size)
		return -EINVAL;
	return dma_mmap_coherent(b->dev, vma, b->vaddr, b->dma, b->size);
}

/* Static, but the char device's mmap below calls it too. */
static int core_fit(struct core_buffer *b, struct vm_area_struct *vma)
{
	if (b->count < vma_pages(vma))
		return -EINVAL;
	return 0;
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_buffer *b = buf->priv;
	int ret = core_fit(b, vma);

	if (ret)
		return ret;
	return core_map_checked(b, vma);
}

static int core_cdev_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct core_buffer *b = filp->private_data;
	int ret = core_fit(b, vma);

	if (ret)
		return ret;
	return core_map_checked(b, vma);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};

static const struct file_operations core_fops = {
	.mmap = core_cdev_mmap,
};
