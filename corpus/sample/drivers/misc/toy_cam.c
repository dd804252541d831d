// SPDX-License-Identifier: GPL-2.0
/*
 * Toy camera: one contiguous frame buffer, mapped from its start whatever offset was asked, after
 * a size check the dma-buf core already made.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>

struct toy_cam_frame {
	unsigned long pfn;
	size_t size;
};

static int toy_cam_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct toy_cam_frame *frame = buf->priv;
	unsigned long len = vma->vm_end - vma->vm_start;

	if (vma->vm_end - vma->vm_start > frame->size) /* expect: dmabuf/redundant-size-check note */
		return -EINVAL;
	return remap_pfn_range(vma, vma->vm_start, frame->pfn, len, vma->vm_page_prot); /* expect: dmabuf/pgoff-ignored warning */
}

static const struct dma_buf_ops toy_cam_ops = { /* exporter: mmap=toy_cam_mmap begin=- end=- */
	.mmap = toy_cam_mmap,
};
