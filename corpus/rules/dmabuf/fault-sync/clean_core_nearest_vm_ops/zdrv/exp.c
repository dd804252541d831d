/* The exporter installs vm_ops defined in its own directory, which a same-named table elsewhere must not shadow. */
#include <linux/dma-buf.h>
#include <linux/mm.h>

extern const struct vm_operations_struct core_vm_ops;

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
