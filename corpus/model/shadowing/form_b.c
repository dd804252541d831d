/* The global function with the same name as form_a.c's static handler. */
#include <linux/dma-buf.h>

int form_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	return -ENODEV;
}
