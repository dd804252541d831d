/* Suppressions of a whole function: in comments just before its definition, or on its opening line. */
#include <linux/dma-buf.h>
#include <linux/mm.h>

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

/* mmapcheck-ignore dmabuf/fault-interception: this driver's pte zaps fake coherency */
static int
before_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_ops = &core_vm_ops; /* suppressed: dmabuf/fault-interception */
	return 0;
}

static int opening_line_mmap(struct dma_buf *buf, struct vm_area_struct *vma) // mmapcheck-ignore dmabuf/mmap-expandable, dmabuf/fault-interception: reviewed, see the driver's docs
{
	vma->vm_ops = &core_vm_ops; /* suppressed: dmabuf/fault-interception */ /* suppressed: dmabuf/mmap-expandable */
	return 0;
}

/**
 * kernel_doc_mmap - maps the buffer with fault-time page insertion
 * @buf: the buffer
 * @vma: the mapping
 *
 * mmapcheck-ignore dmabuf/fault-interception: faults insert pages and never wait
 */
static int kernel_doc_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_ops = &core_vm_ops; /* suppressed: dmabuf/fault-interception */
	return 0;
}

static void helper_setup(struct vm_area_struct *vma)
{
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
}

/* mmapcheck-ignore dmabuf/fault-interception: covers this function, not the helpers it calls */
static int caller_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	helper_setup(vma);
	return 0;
}

static const struct dma_buf_ops before_ops = {
	.mmap = before_mmap,
};

static const struct dma_buf_ops opening_line_ops = {
	.mmap = opening_line_mmap,
};

static const struct dma_buf_ops kernel_doc_ops = {
	.mmap = kernel_doc_mmap,
};

static const struct dma_buf_ops caller_ops = {
	.mmap = caller_mmap,
};
